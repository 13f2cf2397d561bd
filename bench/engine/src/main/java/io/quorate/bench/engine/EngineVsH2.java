package io.quorate.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the engine benchmarks under JMH for both engines and prints, after JMH's own
 * table, the machine and a Markdown table of Quorate's throughput beside H2's.
 * Usage: {@code EngineVsH2 [--quick] [benchmark-regex]}; {@code --quick} runs one
 * one-second iteration on a hundredth of the data, to check that everything works.
 * Forked JVMs inherit this JVM's options (heap size included).
 */
public final class EngineVsH2 {

  private EngineVsH2() {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = false;
    String filter = ".*";
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("-")) {
        System.err.println("usage: bench/engine-vs-h2 [--quick] [benchmark-regex]; unknown option " + arg);
        System.exit(2);
      } else {
        filter = ".*" + arg + ".*";
      }
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(EngineVsH2.class.getPackageName().replace(".", "\\.") + "\\." + filter);
    if (quick) {
      options.warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.seconds(1))
          .jvmArgsAppend("-Dquorate.bench.scale=0.01");
    }
    printMachine(quick);
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.print(ratioTable(results));
  }

  private static void printMachine(boolean quick) {
    System.out.printf(Locale.ROOT, "Machine: %d processors (nproc), %s; %s %s (%s); heap max %d MiB per fork%s%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
        Runtime.version(), System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20,
        quick ? "; QUICK run: 1 iteration of 1 s on 1/100 of the data, figures are not comparable" : "");
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  /** One row per benchmark that ran on both engines, in JMH's order. */
  static String ratioTable(Collection<RunResult> results) {
    Map<String, Map<String, RunResult>> byOperation = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String operation = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      byOperation.computeIfAbsent(operation, key -> new LinkedHashMap<>())
          .put(result.getParams().getParam("engine"), result);
    }
    StringBuilder table = new StringBuilder()
        .append("| operation | quorate ops/s | h2 ops/s | quorate/h2 | runs |\n")
        .append("|---|---:|---:|---:|---|\n");
    for (Map.Entry<String, Map<String, RunResult>> row : byOperation.entrySet()) {
      RunResult quorate = row.getValue().get("quorate");
      RunResult h2 = row.getValue().get("h2");
      if (quorate == null || h2 == null) {
        continue;
      }
      Result<?> quorateScore = quorate.getPrimaryResult();
      Result<?> h2Score = h2.getPrimaryResult();
      table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3g | %s |%n", row.getKey(),
          opsPerSecond(quorateScore), opsPerSecond(h2Score), quorateScore.getScore() / h2Score.getScore(),
          runs(quorate)));
    }
    return table.append("ops/s is the mean over the measurement iterations, ± JMH's 99.9% confidence"
        + " interval (NaN with fewer than two iterations); quorate/h2 > 1 means Quorate is faster.\n").toString();
  }

  private static String opsPerSecond(Result<?> score) {
    String pattern = score.getScore() < 100 ? "%.2f ± %.2f" : "%,.0f ± %,.0f";
    return String.format(Locale.ROOT, pattern, score.getScore(), score.getScoreError());
  }

  private static String runs(RunResult result) {
    return String.format(Locale.ROOT, "%d fork × %d × %d s", result.getParams().getForks(),
        result.getParams().getMeasurement().getCount(), result.getParams().getMeasurement().getTime().getTime());
  }
}
