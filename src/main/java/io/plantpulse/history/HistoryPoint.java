package io.plantpulse.history;

/**
 * One step of history: the step's start (epoch millis), the minimum, maximum and last value in it
 * and how many samples it holds.
 */
public record HistoryPoint(long t, double min, double max, double last, int count) {}
