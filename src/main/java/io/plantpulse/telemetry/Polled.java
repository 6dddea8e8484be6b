package io.plantpulse.telemetry;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A {@link TelemetryBatch} as the Kafka edge read it: decoded and admitted, not yet applied. Only
 * the pipeline observes it, so the order of the stages is written in one place.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER})
public @interface Polled {}
