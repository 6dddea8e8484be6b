/** Fixtures shared by the tests and the demo: a real KRaft broker, Kafka and WebSocket clients. */
package io.plantpulse.testsupport;
