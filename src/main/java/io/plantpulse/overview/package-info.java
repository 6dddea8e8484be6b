/**
 * Fleet KPIs: devices online by site, ingest rate, active alarms, clients; served and pushed each
 * second.
 */
package io.plantpulse.overview;
