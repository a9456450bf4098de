package io.zhixin.samples.portals;

import static io.zhixin.samples.portals.Html.esc;
import static io.zhixin.samples.portals.Html.label;

import io.zhixin.chain.Address;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credit.epoch.CreditScoreCredential;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import io.zhixin.oid4vp.CredentialQuery;
import io.zhixin.oid4vp.DcqlQuery;
import io.zhixin.oid4vp.PresentationResult;
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import io.zhixin.samples.portals.WebSessions.WebSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A bank's company-loan pre-check (企业贷款预审): one OpenID4VP request (DCQL) for the company's legal-entity
 * credential, the authorisation the company gave its agent, the agent's identity (name and the {@code age_over_18}
 * predicate) and the agent's credit proof (only the {@code score_over_650} predicate of the credit-score
 * credential, whose epoch is then checked on chain), then a decision with its reasons.
 */
final class BankPortal {
  static final String PURPOSE = "企业贷款预审 / Company loan pre-check";
  /** The authorisation scope an agent needs to apply for a loan on the company's behalf. */
  static final String LOAN_SCOPE = "loan_application";

  private final District district;
  private final VerifierService verifier;
  private final WebSessions sessions = new WebSessions("zx_bank");

  BankPortal(District district, VerifierService verifier) {
    this.district = district;
    this.verifier = verifier;
  }

  static DcqlQuery query() {
    return DcqlQuery.builder()
        .credential(CredentialQuery.sdJwt("company").vct(DomainType.LEGAL_ENTITY.vct())
            .claim("unified_social_credit_code").claim("name").claim("registration_status").claim("establishment_date")
            .build())
        .credential(CredentialQuery.sdJwt("mandate").vct(DomainType.AUTHORISATION.vct())
            .claim("company_uscc").claim("agent_did").claim("scopes").claim("valid_until").build())
        .credential(CredentialQuery.sdJwt("agent").vct(DomainType.NATURAL_PERSON_IDENTITY.vct())
            .claim("name").claim("age_over_18").build())
        .credential(CredentialQuery.sdJwt("credit").vct(CreditScoreCredential.VCT).claim("score_over_650").build())
        .build();
  }

  HttpAnswer handle(HttpCall call) {
    String p = call.path();
    String m = call.method();
    WebSession s = sessions.find(call);
    Map<String, String> headers = new LinkedHashMap<>();
    if (p.equals("/") && m.equals("GET")) {
      if (s == null) {
        s = sessions.create();
        headers.put("Set-Cookie", sessions.setCookie(s));
      }
      return page(s, headers);
    }
    if (p.equals("/qr.png") && m.equals("GET")) {
      PresentationSession ps = s == null ? null : s.get("request");
      return ps == null ? Html.notFound() : Html.png(ps.qrPng(360));
    }
    if (p.equals("/status") && m.equals("GET")) {
      return Html.json("{\"status\":\"" + status(s) + "\"}", Map.of());
    }
    if (p.equals("/restart") && m.equals("POST")) {
      if (s != null) {
        Map<String, String> f = formOf(call);
        if (f != null && s.formToken.equals(f.get("form_token"))) {
          s.attributes.clear();
        }
      }
      return Html.redirect("/", Map.of());
    }
    return Html.notFound();
  }

  private String status(WebSession s) {
    if (s == null) {
      return "expired";
    }
    if (s.get("decision") != null) {
      return "verified";
    }
    PresentationSession ps = s.get("request");
    if (ps == null) {
      return "expired";
    }
    PresentationResult r = verifier.result(ps.transactionId());
    if (r.isVerified()) {
      s.put("decision", decide(r));
      s.put("request", null);
    } else if (r.status() != PresentationResult.Status.PENDING) {
      s.put("request", null);
      s.put("problem", r.status() + (r.walletError() != null ? " (" + r.walletError() + ")" : "")
          + (r.problems().isEmpty() ? "" : ": " + String.join("; ", r.problems())));
    }
    return r.status().name().toLowerCase(Locale.ROOT);
  }

  /** One reason of a decision: what was checked and whether it passed. */
  record Reason(boolean passed, String zh, String en, String detail) {}

  record Decision(boolean approved, String company, String agent, List<Reason> reasons) {}

  Decision decide(PresentationResult r) {
    Map<String, Object> company = r.claims("company");
    Map<String, Object> mandate = r.claims("mandate");
    Map<String, Object> agent = r.claims("agent");
    List<Reason> reasons = new ArrayList<>();
    LocalDate today = LocalDate.now(district.clock.withZone(ZoneOffset.ofHours(8)));
    reasons.add(new Reason("active".equals(company.get("registration_status")), "企业登记状态为存续",
        "company registration is active", String.valueOf(company.get("registration_status"))));
    LocalDate established = LocalDate.parse(String.valueOf(company.get("establishment_date")));
    reasons.add(new Reason(!established.plusYears(2).isAfter(today), "企业成立满两年", "company established 2+ years ago",
        established.toString()));
    reasons.add(new Reason(company.get("unified_social_credit_code").equals(mandate.get("company_uscc")),
        "授权书出自该企业", "the mandate is from this company", String.valueOf(mandate.get("company_uscc"))));
    Object scopes = mandate.get("scopes");
    reasons.add(new Reason(scopes instanceof List<?> l && l.contains(LOAN_SCOPE), "授权范围包含贷款申请",
        "the mandate covers loan applications", String.valueOf(scopes)));
    Instant until = Instant.parse(String.valueOf(mandate.get("valid_until")));
    reasons.add(new Reason(until.isAfter(district.clock.instant()), "授权在有效期内", "the mandate is in force",
        "until " + until));
    String holder = holderDid(r, "agent");
    reasons.add(new Reason(holder != null && holder.equals(mandate.get("agent_did")), "出示人即被授权人",
        "the person presenting is the authorised agent", String.valueOf(mandate.get("agent_did"))));
    reasons.add(new Reason(Boolean.TRUE.equals(agent.get("age_over_18")), "经办人已成年", "the agent is an adult",
        "age_over_18 = " + agent.get("age_over_18")));
    Map<String, Object> credit = r.claims("credit");
    reasons.add(new Reason(Boolean.TRUE.equals(credit.get("score_over_650")), "个人信用分高于650",
        "the agent's credit score is over 650", "score_over_650 = " + credit.get("score_over_650")
        + " (the score itself is not disclosed)"));
    reasons.add(new Reason(holder != null && holder.equals(holderDid(r, "credit")), "信用证明属于经办人本人",
        "the credit proof is the agent's own", "bound to the same wallet key"));
    reasons.add(epochOnChain(credit));
    boolean approved = reasons.stream().allMatch(Reason::passed);
    return new Decision(approved, String.valueOf(company.get("name")), String.valueOf(agent.get("name")), reasons);
  }

  /** The credit-score credential's epoch: published on chain by the bureau that issued it, not revoked, same model. */
  private Reason epochOnChain(Map<String, Object> credit) {
    String zh = "信用分所属期次已上链且未撤销";
    String en = "the score's epoch is published on chain and not revoked";
    Address bureau;
    try {
      bureau = Address.parse(String.valueOf(credit.get(CreditScoreCredential.BUREAU)));
    } catch (RuntimeException e) {
      return new Reason(false, zh, en, "no bureau address in the credential");
    }
    long epochNo = credit.get(CreditScoreCredential.EPOCH) instanceof Number n ? n.longValue() : -1;
    if (!bureau.equals(district.creditBureau.account())) {
      return new Reason(false, zh, en, "bureau " + bureau.toChecksumHex() + " is not the district's credit bureau");
    }
    Optional<CreditScoreRegistry.Epoch> epoch = epochNo < 0 ? Optional.empty()
        : district.creditScores().epoch(bureau, epochNo);
    if (epoch.isEmpty()) {
      return new Reason(false, zh, en, "bureau " + bureau.toChecksumHex() + " published no epoch " + epochNo);
    }
    if (epoch.get().revokedAt().isPresent()) {
      return new Reason(false, zh, en, "epoch " + epochNo + " was revoked at " + epoch.get().revokedAt().get());
    }
    if (!epoch.get().modelHash().toHex().equals(credit.get(CreditScoreCredential.MODEL_ID))) {
      return new Reason(false, zh, en, "epoch " + epochNo + " was computed with another model");
    }
    return new Reason(true, zh, en, "epoch " + epochNo + " of " + credit.get(CreditScoreCredential.MODEL) + ", root "
        + epoch.get().root().toHex().substring(0, 10) + "…, " + epoch.get().subjectCount() + " subject(s)");
  }

  /** The did:jwk of the key the credential answering {@code queryId} is bound to (its key binding key). */
  private static String holderDid(PresentationResult r, String queryId) {
    List<VerifiedCredential> l = r.credentials().get(queryId);
    return l == null || l.isEmpty() ? null
        : l.get(0).holderKey().map(k -> DidJwk.create(k).toString()).orElse(null);
  }

  private HttpAnswer page(WebSession s, Map<String, String> headers) {
    StringBuilder b = new StringBuilder("<h2>" + label("企业贷款预审", "Company loan pre-check") + "</h2>");
    String problem = s.get("problem");
    if (problem != null) {
      s.put("problem", null);
      b.append("<p class=\"refused\" id=\"problem\">").append(esc(problem)).append("</p>");
    }
    Decision d = s.get("decision");
    if (d == null) {
      PresentationSession ps = s.get("request");
      if (ps == null || ps.expiresAt().isBefore(district.clock.instant().plusSeconds(30))) {
        ps = verifier.request(query(), PURPOSE);
        s.put("request", ps);
      }
      b.append("<div class=\"qr\"><img id=\"bank-qr\" src=\"/qr.png?t=").append(ps.expiresAt().getEpochSecond())
          .append("\" alt=\"OpenID4VP QR\"><div><p>")
          .append(label("经办人请用钱包扫码，出示：", "The company's agent scans with the wallet and shares:")).append("</p><ul>")
          .append("<li>").append(label("企业法人凭证", "legal-entity credential"))
          .append(": unified_social_credit_code, name, registration_status, establishment_date</li>")
          .append("<li>").append(label("企业授权书", "authorisation (mandate)"))
          .append(": company_uscc, agent_did, scopes, valid_until</li>")
          .append("<li>").append(label("经办人身份", "agent's identity")).append(": name, age_over_18</li>")
          .append("<li>").append(label("经办人信用证明", "agent's credit proof")).append(": score_over_650</li></ul>")
          .append("<p class=\"purpose\">").append(label("用途", "Purpose")).append(": ").append(esc(ps.purpose()))
          .append("</p><details><summary>").append(label("命令行钱包", "Command-line wallet"))
          .append("</summary><code id=\"request-uri\">").append(esc(ps.requestUri())).append("</code></details>")
          .append(Html.poll("/status")).append("</div></div>");
    } else {
      b.append("<p id=\"decision\" class=\"").append(d.approved() ? "ok" : "refused").append("\">")
          .append(d.approved() ? label("预审通过", "Pre-approved") : label("预审未通过", "Not pre-approved"))
          .append("</p><p>").append(label("企业", "Company")).append(": <b id=\"company-name\">").append(esc(d.company()))
          .append("</b> · ").append(label("经办人", "Agent")).append(": <b id=\"agent-name\">").append(esc(d.agent()))
          .append("</b></p><table id=\"reasons\"><tr><th></th><th>").append(label("核验项", "Check")).append("</th><th>")
          .append(label("依据", "Evidence")).append("</th></tr>");
      for (Reason r : d.reasons()) {
        b.append("<tr><td class=\"").append(r.passed() ? "ok\">✓" : "refused\">✗").append("</td><td>")
            .append(label(r.zh(), r.en())).append("</td><td><code>").append(esc(r.detail())).append("</code></td></tr>");
      }
      b.append("</table><form method=\"post\" action=\"/restart\"><input type=\"hidden\" "
          + "name=\"form_token\" value=\"").append(esc(s.formToken)).append("\"><button>")
          .append(label("重新预审", "Start again")).append("</button></form>");
    }
    return Html.html(200, Html.page("智信银行 · 企业贷款", "Zhixin Bank · company loans", "bank", "", b.toString()), headers);
  }

  private static Map<String, String> formOf(HttpCall call) {
    try {
      return HttpCall.decodeForm(new String(call.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
