package io.plantpulse.telemetry;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A {@link TelemetryBatch} that state, history and alarms have applied: the pipeline's one hand-off
 * to push, so what a client receives agrees with what REST reads.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER})
public @interface Applied {}
