package io.plantpulse.simulator;

/**
 * How one metric behaves: it reverts to {@code nominal}, swings by {@code dailySwing} over a day
 * (load follows shifts), wanders with {@code noise} and stays within physical limits.
 */
record MetricSpec(
    String name,
    String unit,
    double nominal,
    double dailySwing,
    double noise,
    double min,
    double max) {}
