// The agents hub, kept connected for as long as the page is open. While it is down the page says so (the
// banner) and disables what acts on the state; after every (re)connect `onConnected` runs again, so the page
// re-reads the state from the server (WatchAgent / WatchQueues answer it) before it shows anything.

/* global signalR */

const RETRY_DELAYS_MS = [0, 1000, 2000, 3000, 5000];

export function connectHub({ handlers, onConnected, onDisconnected, onUnauthorized }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/agents')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: nextRetryDelay })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [method, handler] of Object.entries(handlers)) connection.on(method, handler);

  // Retries for as long as the page is open, except when the session is over: then it is the sign-in page.
  function nextRetryDelay(context) {
    if (isUnauthorized(context.retryReason)) {
      onUnauthorized();
      return null;
    }
    return RETRY_DELAYS_MS[Math.min(context.previousRetryCount, RETRY_DELAYS_MS.length - 1)];
  }

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
  // A stopped connection (the first connect failed, the state could not be read, the network went away) is
  // started again; one start is pending at a time.
  connection.onclose(() => {
    onDisconnected('Connection to the server lost — reconnecting…');
    startIn(2000);
  });

  let pendingStart = null;
  function startIn(ms) {
    clearTimeout(pendingStart);
    pendingStart = setTimeout(start, ms);
  }

  async function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await connection.start();
    } catch (e) {
      if (isUnauthorized(e)) return onUnauthorized();
      onDisconnected('Cannot reach the server — retrying…');
      startIn(2000);
      return;
    }
    await connected();
  }

  // A dropped network or a laptop that slept can leave a connection that only looks open: going offline drops
  // it at once (the banner shows), coming back online reconnects now, and a page brought back to the front
  // reads the state again.
  window.addEventListener('offline', () => connection.stop());
  window.addEventListener('online', () => startIn(0));
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    if (connection.state === signalR.HubConnectionState.Connected) connected();
    else startIn(0);
  });

  onDisconnected('Connecting…');
  start();
  return connection;
}

/** SignalR reports a refused negotiation as an error whose message carries the status code. */
function isUnauthorized(error) {
  return error?.statusCode === 401 || /\b401\b/.test(String(error?.message));
}
