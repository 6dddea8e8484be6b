package io.plantpulse.push;

import io.plantpulse.alarm.Alarm;
import io.plantpulse.alarm.AlarmChanged;
import io.plantpulse.overview.OverviewChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Frames that go to many sessions besides the feeds: alarms (§4.1), to every session whose
 * subscriptions cover the device, and the overview (§3.4), to the sessions that watch it. Each is
 * encoded once, when the first session takes it. The events arrive on the Kafka poll thread and the
 * overview's timer; the fan-out runs on the push loop.
 */
@ApplicationScoped
public class Broadcasts {

  @Inject PushLoop loop;
  @Inject SessionRegistry sessions;
  @Inject FrameEncoder encoder;

  void onAlarm(@Observes AlarmChanged changed) {
    loop.submit(() -> alarm(changed.alarm()));
  }

  void onOverview(@Observes OverviewChanged changed) {
    // A full hand-off skips one overview: the next, a second later, replaces it anyway.
    loop.offer(() -> overview(changed));
  }

  private void alarm(Alarm alarm) {
    Frame frame = null;
    for (ClientSession client : sessions.all()) {
      if (client
          .outbox()
          .follows(
              feed ->
                  feed.filter()
                      .matchesDevice(alarm.site(), alarm.line(), alarm.type(), alarm.deviceId()))) {
        if (frame == null) {
          frame = Frame.control(encoder.encode(Messages.AlarmFrame.of(alarm), "alarm"));
        }
        client.alarm(frame);
      }
    }
  }

  private void overview(OverviewChanged changed) {
    Frame frame =
        Frame.control(encoder.encode(Messages.OverviewFrame.of(changed.overview()), "overview"));
    for (ClientSession client : sessions.all()) {
      if (client.watchesOverview()) {
        client.overview(frame);
      }
    }
  }
}
