package io.plantpulse.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs the first rejection of each kind at WARNING and the rest at FINE: a producer that sends
 * garbage at 10,000 records/s must not flood the server log. The counters keep the totals.
 */
final class RejectionLog {

  private static final Logger LOG = Logger.getLogger(RejectionLog.class.getName());

  private final Set<RejectReason> seen = ConcurrentHashMap.newKeySet();

  void log(RejectReason reason, String detail, String source) {
    Level level = seen.add(reason) ? Level.WARNING : Level.FINE;
    if (LOG.isLoggable(level)) {
      LOG.log(
          level,
          "Rejected record {0} ({1}: {2}); it goes to the dead-letter topic. Further {1} rejections"
              + " are logged at FINE and counted in plantpulse_records_rejected_total.",
          new Object[] {source, reason.label(), detail});
    }
  }
}
