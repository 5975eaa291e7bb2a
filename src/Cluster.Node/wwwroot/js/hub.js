// The agents hub, kept connected for as long as the page is open. While it is down the page says so (the
// banner) and disables what acts on the state; after every (re)connect `onConnected` runs again, so the page
// re-reads the state from the server (WatchAgent / WatchQueues answer it) before it shows anything.

/* global signalR */

const RETRY_DELAYS_MS = [0, 1000, 2000, 3000, 5000];

export function connectHub({ handlers, onConnected, onDisconnected, onUnauthorized }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/agents')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => RETRY_DELAYS_MS[Math.min(c.previousRetryCount, RETRY_DELAYS_MS.length - 1)] })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [method, handler] of Object.entries(handlers)) connection.on(method, handler);

  const connected = async () => {
    try {
      await onConnected(connection);
    } catch (e) {
      // The state could not be read: show nothing stale, drop the connection and try again.
      onDisconnected(`Could not read the state from the server (${e.message}); retrying…`);
      await connection.stop();
    }
  };
  connection.onreconnecting(() => onDisconnected('Connection to the server lost — reconnecting…'));
  connection.onreconnected(connected);
  // Automatic reconnect gives up after a while (and never starts when the first connect fails): start again.
  connection.onclose(() => {
    onDisconnected('Connection to the server lost — reconnecting…');
    setTimeout(start, 2000);
  });

  async function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await connection.start();
    } catch (e) {
      if (String(e?.message).includes('401')) return onUnauthorized();
      onDisconnected('Cannot reach the server — retrying…');
      setTimeout(start, 2000);
      return;
    }
    await connected();
  }

  onDisconnected('Connecting…');
  start();
  return connection;
}
