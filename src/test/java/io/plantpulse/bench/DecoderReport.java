package io.plantpulse.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns JMH's JSON of {@code DecoderBenchmark} into the table docs/performance.md quotes. */
public final class DecoderReport {

  private DecoderReport() {}

  public static void main(String[] args) throws Exception {
    JsonArray runs;
    try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
      runs = Json.createReader(in).readArray();
    }
    Map<String, double[]> byDecoder = new LinkedHashMap<>();
    for (JsonObject run : runs.getValuesAs(JsonObject.class)) {
      JsonObject metric = run.getJsonObject("primaryMetric");
      byDecoder.put(
          run.getJsonObject("params").getString("decoder"),
          new double[] {
            metric.getJsonNumber("score").doubleValue(),
            // One iteration (the smoke run) has no error: JMH writes "NaN" as a string.
            metric.get("scoreError") instanceof JsonNumber error ? error.doubleValue() : Double.NaN
          });
    }
    double tree = byDecoder.getOrDefault("tree", new double[] {Double.NaN})[0];
    StringBuilder md =
        new StringBuilder(
            "| decoder | records/s on one thread | ± (99.9%) | vs the tree decoder |\n|---|---:|---:|---:|\n");
    byDecoder.forEach(
        (name, score) ->
            md.append(
                String.format(
                    "| %s | %,.0f | %,.0f | %.2f× |%n",
                    name, score[0], score[1], score[0] / tree)));
    md.append(
        String.format(
            "%nJMH %s, %s, %d fork(s); the simulator's default plant, 4,096 records with their keys.%n",
            runs.getJsonObject(0).getString("jmhVersion"),
            runs.getJsonObject(0).getString("vmName")
                + " "
                + runs.getJsonObject(0).getString("jdkVersion"),
            runs.getJsonObject(0).getInt("forks")));
    Files.writeString(Path.of(args[1]), md.toString());
  }
}
