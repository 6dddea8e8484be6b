/** Integration tests: the built WAR on a real Payara Micro, fed by a real Kafka broker. */
package io.plantpulse.it;
