package io.plantpulse.overview;

/** Fired once a second with the fresh overview, for the push side to send. */
public record OverviewChanged(Overview overview) {}
