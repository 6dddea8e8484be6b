package io.plantpulse.alarm;

import io.plantpulse.telemetry.Identifiers;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The threshold rules from a rules file (JSON), checked as a whole before any is used. */
public record RuleSet(List<ThresholdRule> rules) {

  public RuleSet {
    rules = rules == null ? List.of() : List.copyOf(rules);
    Set<String> ids = new HashSet<>();
    for (ThresholdRule r : rules) {
      String where = "rule " + r.id() + ": ";
      if (r.id() == null || !Identifiers.valid(r.id()) || !ids.add(r.id())) {
        throw new IllegalArgumentException(
            "rule ids must be unique, 1-64 of A-Za-z0-9._:- (" + r.id() + ")");
      }
      if (r.type() == null || r.metric() == null || r.severity() == null) {
        throw new IllegalArgumentException(where + "type, metric and severity are required");
      }
      if (r.high() == null && r.low() == null) {
        throw new IllegalArgumentException(where + "needs high, low or both");
      }
      if (r.deadband() < 0 || r.onDelaySeconds() < 0) {
        throw new IllegalArgumentException(
            where + "deadband and onDelaySeconds must not be negative");
      }
    }
  }

  /**
   * The rules file if one is configured, else the rules shipped in the WAR. A String, not a Path:
   * MicroProfile Config has no standard converter for Path.
   */
  static RuleSet load(Optional<String> file) {
    try (InputStream in =
        file.isPresent()
            ? Files.newInputStream(Path.of(file.get()))
            : RuleSet.class.getResourceAsStream("/alarm-rules.json")) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read alarm rules " + file.orElse("from the WAR"), e);
    }
  }

  public static RuleSet read(InputStream json) {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      return jsonb.fromJson(json, RuleSet.class);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot read the alarm rules: " + e.getMessage(), e);
    }
  }
}
