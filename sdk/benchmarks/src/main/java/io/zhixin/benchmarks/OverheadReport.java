package io.zhixin.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The overhead of each credential operation over the bare signatures it is made of, measured in pairs: the
 * baseline and the operation run back to back, in several rounds, and the report gives the median overhead.
 *
 * <p>Why pairs: on a shared or virtual machine the same benchmark drifts by 5–10% over minutes (clock speed,
 * neighbours), more than the overheads being measured, so a ratio of two runs minutes apart says little.
 *
 * <pre>
 * java -cp sdk/benchmarks/target/benchmarks.jar io.zhixin.benchmarks.OverheadReport [rounds] [provider] [operations]
 * </pre>
 *
 * <p>{@code operations} is a comma-separated subset, e.g. {@code sdJwtVcIssue}; all four by default.
 */
public final class OverheadReport {

  private record Pair(String operation, String baseline, double goalPercent) {}

  private static final List<Pair> PAIRS = List.of(
      new Pair("sdJwtVcIssue", "es256SignSdJwt", 25),
      new Pair("vcJwtIssue", "es256SignVcJwt", 25),
      new Pair("sdJwtVcVerifyPresentation", "es256VerifySdJwtPresentation", 15),
      new Pair("vcJwtVerify", "es256VerifyVcJwt", 15));

  private OverheadReport() {}

  public static void main(String[] args) throws RunnerException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String provider = args.length > 1 ? args[1] : "conscrypt";
    List<Pair> pairs = args.length > 2
        ? PAIRS.stream().filter(p -> List.of(args[2].split(",")).contains(p.operation)).toList()
        : PAIRS;
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no such operation: " + args[2] + "; choose from "
          + PAIRS.stream().map(Pair::operation).toList());
    }
    List<List<double[]>> results = new ArrayList<>(); // per pair: {operation, baseline} ops/s per round
    pairs.forEach(p -> results.add(new ArrayList<>()));
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < pairs.size(); i++) {
        Pair p = pairs.get(i);
        double[] r = {median(p.operation, provider), median(p.baseline, provider)};
        results.get(i).add(r);
        System.out.printf(Locale.ROOT, "round %d: %s %.0f ops/s, %s %.0f ops/s, overhead %.1f%%%n", round,
            p.operation, r[0], p.baseline, r[1], overhead(r));
      }
    }
    System.out.printf(Locale.ROOT, "%nprovider %s, %d rounds (medians; overhead range in brackets)%n", provider,
        rounds);
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      List<double[]> rs = results.get(i);
      double[] overheads = rs.stream().mapToDouble(OverheadReport::overhead).sorted().toArray();
      System.out.printf(Locale.ROOT,
          "%-26s %8.0f ops/s  vs %-16s %8.0f ops/s  overhead %5.1f%% [%.1f, %.1f]  goal <= %.0f%%%n",
          p.operation, middle(rs.stream().mapToDouble(r -> r[0]).sorted().toArray()), p.baseline,
          middle(rs.stream().mapToDouble(r -> r[1]).sorted().toArray()), middle(overheads), overheads[0],
          overheads[overheads.length - 1], p.goalPercent);
    }
  }

  /** Overhead of the operation over its baseline: how much longer one operation takes, in per cent. */
  private static double overhead(double[] operationAndBaseline) {
    return 100 * (operationAndBaseline[1] / operationAndBaseline[0] - 1);
  }

  private static double middle(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The median iteration score of one benchmark: one JVM, 3 warm-up and 5 measured iterations of a second. */
  private static double median(String benchmark, String provider) throws RunnerException {
    Collection<RunResult> run = new Runner(new OptionsBuilder()
        .include(CredentialBenchmarks.class.getName() + "\\." + benchmark + "$")
        .param("provider", provider)
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1))
        .verbosity(VerboseMode.SILENT)
        .build()).run();
    return run.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
  }
}
