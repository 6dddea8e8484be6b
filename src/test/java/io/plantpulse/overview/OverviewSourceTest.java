package io.plantpulse.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.alarm.AlarmFixtures;
import io.plantpulse.ingest.IngestFixtures;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.testsupport.RecordingEvent;
import org.junit.jupiter.api.Test;

/** The overview says whether the data is current, so a page can tell a broker outage apart. */
class OverviewSourceTest {

  @Test
  void shouldSayLiveWarmingOrOffline() {
    assertEquals(Overview.Source.LIVE, service(IngestFixtures.ready()).current().source());
    assertEquals(Overview.Source.WARMING, service(IngestFixtures.warming()).current().source());
    assertEquals(
        Overview.Source.OFFLINE, service(IngestFixtures.disconnected()).current().source());
    assertEquals(Overview.Source.OFFLINE, service(new IngestStatus()).current().source());
  }

  @Test
  void shouldKeepWhenTheSourceChangedUntilItChangesAgain() throws Exception {
    OverviewService cut = service(IngestFixtures.disconnected());
    long before = System.currentTimeMillis();
    long since = cut.current().sourceSince();
    assertEquals(since, cut.current().sourceSince(), "the same state keeps its start");
    cut.ingest = IngestFixtures.ready();
    Overview live = cut.current();
    assertEquals(Overview.Source.LIVE, live.source());
    assertTrue(live.sourceSince() >= before && live.sourceSince() >= since);
  }

  private static OverviewService service(IngestStatus ingest) {
    OverviewService s = new OverviewService();
    s.devices = new DeviceStateStore();
    s.alarms = AlarmFixtures.shippedRules(new RecordingEvent<>(), TestMetrics.inMemory());
    s.ingest = ingest;
    s.clients = () -> 0;
    s.changes = new RecordingEvent<>();
    return s;
  }
}
