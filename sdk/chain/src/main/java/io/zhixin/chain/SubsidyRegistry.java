package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.SubsidyClaimRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The subsidy claim registry: programmes opened by accredited agencies, one claim per nullifier per
 * programme, whichever office records it.
 *
 * <pre>{@code
 * switch (chain.subsidies().claim(programme, nullifier)) {
 *   case Claimed c -> pay(c.amount());
 *   case AlreadyClaimed a -> refuse("claimed on " + a.claimedAt());
 *   case BudgetExhausted b -> refuse("budget exhausted");
 *   case OutsideWindow w -> refuse("programme closed");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SubsidyRegistry extends ContractClient {
  /** A programme's terms, for {@link #openProgramme}. */
  public record Terms(Bytes32 programme, Bytes32 scope, BigInteger budget, BigInteger amountPerClaim, Optional<Instant> opensAt,
      Instant closesAt) {
    public Terms {
      Objects.requireNonNull(programme, "programme");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(opensAt, "opensAt");
      Objects.requireNonNull(closesAt, "closesAt");
      if (amountPerClaim.signum() <= 0 || budget.compareTo(amountPerClaim) < 0 || budget.bitLength() > 96) {
        throw new IllegalArgumentException("a programme needs 0 < amountPerClaim <= budget < 2^96, got " + amountPerClaim + " and " + budget);
      }
    }

    /** Terms for a programme open from now until {@code closesAt}. */
    public static Terms of(Bytes32 programme, Bytes32 scope, long budget, long amountPerClaim, Instant closesAt) {
      return new Terms(programme, scope, BigInteger.valueOf(budget), BigInteger.valueOf(amountPerClaim), Optional.empty(), closesAt);
    }
  }

  /** A programme as stored. */
  public record Programme(Bytes32 id, Address agency, Bytes32 scope, Instant opensAt, Instant closesAt, boolean closed,
      BigInteger budget, BigInteger amountPerClaim, long claims) {}

  /** What became of a claim. */
  public sealed interface ClaimOutcome permits Claimed, AlreadyClaimed, BudgetExhausted, OutsideWindow {}

  /** The claim was recorded: the programme's {@code claimNumber}-th, paying {@code amount}. */
  public record Claimed(long claimNumber, BigInteger amount, Receipt receipt) implements ClaimOutcome {}

  /** The nullifier already claimed in this programme, at {@code claimedAt} (from {@code SubsidyAlreadyClaimed}). */
  public record AlreadyClaimed(Instant claimedAt) implements ClaimOutcome {}

  /** The budget cannot pay another claim (from {@code SubsidyBudgetExhausted}). */
  public record BudgetExhausted(BigInteger remaining) implements ClaimOutcome {}

  /** The programme is closed or not open at {@code at} (from {@code SubsidyOutsideWindow}). */
  public record OutsideWindow(Instant at) implements ClaimOutcome {}

  private final SubsidyClaimRegistry contract;

  private SubsidyRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = SubsidyClaimRegistry.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  public static SubsidyRegistry at(ZhixinChain chain, Address address) {
    return new SubsidyRegistry(chain, address);
  }

  /**
   * Opens a programme; the sender becomes its agency and must be accredited for the scope now.
   *
   * @throws ContractRevertException e.g. {@code SubsidyAgencyNotAccredited}, {@code SubsidyProgrammeExists}
   */
  public Receipt openProgramme(Terms terms) {
    return send("open programme " + terms.programme(), contract.openProgramme(terms.programme().toArray(), terms.scope().toArray(),
        terms.budget(), terms.amountPerClaim(), terms.opensAt().map(t -> Times.uint40(t, "opensAt")).orElse(BigInteger.ZERO),
        Times.uint40(terms.closesAt(), "closesAt")));
  }

  /** Lets {@code office} record claims ({@code authorized}) or stops it; only the agency may. */
  public Receipt setOffice(Bytes32 programme, Address office, boolean authorized) {
    return send((authorized ? "authorize " : "deauthorize ") + office + " in programme " + programme,
        contract.setOffice(programme.toArray(), office.toHex(), authorized));
  }

  /** Closes a programme for good; its agency or the root authority may. */
  public Receipt closeProgramme(Bytes32 programme) {
    return send("close programme " + programme, contract.closeProgramme(programme.toArray()));
  }

  /**
   * Records the claim of {@code nullifier}. The usual refusals are outcomes; caller mistakes (not an
   * office, unknown programme, zero nullifier) throw {@link ContractRevertException}.
   */
  public ClaimOutcome claim(Bytes32 programme, Bytes32 nullifier) {
    try {
      Receipt receipt = send("claim in programme " + programme, contract.claim(programme.toArray(), nullifier.toArray()),
          "claim:" + programme.toHex() + ":" + nullifier.toHex());
      var event = SubsidyClaimRegistry.getSubsidyClaimedEvents(receipt.raw()).get(0);
      return new Claimed(event.claimNumber.longValueExact(), event.amount, receipt);
    } catch (ContractRevertException e) {
      return switch (e.errorName()) {
        case "SubsidyAlreadyClaimed" -> new AlreadyClaimed(Times.instant(e.argument("claimedAt", BigInteger.class)));
        case "SubsidyBudgetExhausted" -> new BudgetExhausted(e.argument("remaining", BigInteger.class));
        case "SubsidyOutsideWindow" -> new OutsideWindow(Times.instant(e.argument("timestamp", BigInteger.class)));
        default -> throw e;
      };
    }
  }

  /** When {@code nullifier} claimed in {@code programme}, if it did. */
  public Optional<Instant> claimedAt(Bytes32 programme, Bytes32 nullifier) {
    return Times.optional(callValue("read claim", contract.claimedAt(programme.toArray(), nullifier.toArray())));
  }

  public boolean isOffice(Bytes32 programme, Address office) {
    return callValue("check office " + office, contract.isOffice(programme.toArray(), office.toHex()));
  }

  public BigInteger remainingBudget(Bytes32 programme) {
    return callValue("read remaining budget of " + programme, contract.remainingBudget(programme.toArray()));
  }

  public Optional<Programme> programme(Bytes32 id) {
    try {
      var p = (SubsidyClaimRegistry.Programme) call("read programme " + id, contract.getProgramme(id.toArray())).get(0);
      return Optional.of(new Programme(id, Address.parse(p.agency), Bytes32.of(p.scope), Times.instant(p.opensAt), Times.instant(p.closesAt),
          p.closed, p.budget, p.amountPerClaim, p.claims.longValueExact()));
    } catch (ContractRevertException e) {
      if (e.errorName().equals("SubsidyUnknownProgramme")) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
