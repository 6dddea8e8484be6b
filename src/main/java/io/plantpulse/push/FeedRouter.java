package io.plantpulse.push;

import io.plantpulse.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Which feeds a poll batch goes to. Testing every record against every feed costs records × feeds
 * (20,000 records/s × 1,000 dashboards of their own devices saturated a core in the benchmark), so
 * feeds whose filter names exact device ids are found through an index by device id; only the
 * others (sites, lines, types, wildcards) still see every record.
 */
final class FeedRouter {

  private final Map<String, Set<Feed>> byDevice = new ConcurrentHashMap<>();
  private final Set<Feed> scanned = ConcurrentHashMap.newKeySet();

  /** Feeds that see every record. */
  int scanned() {
    return scanned.size();
  }

  void add(Feed feed) {
    List<String> devices = feed.filter().exactDevices();
    if (devices.isEmpty()) {
      scanned.add(feed);
      return;
    }
    for (String device : devices) {
      byDevice.computeIfAbsent(device, d -> ConcurrentHashMap.newKeySet(2)).add(feed);
    }
  }

  void remove(Feed feed) {
    if (!scanned.remove(feed)) {
      for (String device : feed.filter().exactDevices()) {
        byDevice.computeIfPresent(
            device,
            (d, set) -> {
              set.remove(feed);
              return set.isEmpty() ? null : set;
            });
      }
    }
  }

  /** Hands each feed the records it may want: the whole batch to scanned feeds. */
  void route(List<TelemetryRecord> records, BiConsumer<Feed, List<TelemetryRecord>> apply) {
    for (Feed feed : scanned) {
      apply.accept(feed, records);
    }
    if (byDevice.isEmpty()) {
      return;
    }
    Map<Feed, List<TelemetryRecord>> indexed = new HashMap<>();
    for (TelemetryRecord record : records) {
      Set<Feed> feeds = byDevice.get(record.telemetry().deviceId());
      if (feeds != null) {
        for (Feed feed : feeds) {
          indexed.computeIfAbsent(feed, f -> new ArrayList<>()).add(record);
        }
      }
    }
    indexed.forEach(apply);
  }
}
