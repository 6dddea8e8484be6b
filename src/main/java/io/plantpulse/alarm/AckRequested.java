package io.plantpulse.alarm;

/**
 * The CDI event fired when someone acknowledges an alarm. The observer that owns the alarm calls
 * {@link #accept()}; nobody accepting means no such alarm.
 */
public final class AckRequested {

  private final String alarmId;
  private final String by;
  private volatile boolean accepted;

  public AckRequested(String alarmId, String by) {
    this.alarmId = alarmId;
    this.by = by;
  }

  public String alarmId() {
    return alarmId;
  }

  public String by() {
    return by;
  }

  public void accept() {
    accepted = true;
  }

  public boolean accepted() {
    return accepted;
  }
}
