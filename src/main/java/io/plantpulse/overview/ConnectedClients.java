package io.plantpulse.overview;

/**
 * How many dashboards this instance serves, for the overview's "clients connected". The push side
 * implements it; the overview asks through it instead of reaching into push.
 */
public interface ConnectedClients {

  int connectedClients();
}
