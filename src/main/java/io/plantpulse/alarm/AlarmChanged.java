package io.plantpulse.alarm;

/** The CDI event fired whenever an alarm is raised, acknowledged or cleared. */
public record AlarmChanged(Alarm alarm) {}
