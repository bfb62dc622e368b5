// The agent's live feed: notification-service's WebSocket through the gateway (protocol v1, notification-service
// README). A single-use connection ticket from POST /api/realtime/tickets opens /ws/agent; frames are re-dispatched
// as events on `live` (event type = frame type, detail = the frame). Reconnects with backoff and replays with
// since=<last seq>; sends each fresh access token over the socket so it stays open past the first token's expiry.
import { post } from './api.js';
import { onToken } from './auth.js';

export const live = new EventTarget();
let socket = null;
let lastSeq = null;
let backoff = 1000;
let stopped = false;
const watching = new Set();
let lastActivity = 0;
let lastReplying = 0;
let connected = false;

function send(frame) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

export function isConnected() {
  return connected;
}

export async function connectLive() {
  stopped = false;
  try {
    const ticket = await post('/api/realtime/tickets');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let url = `${scheme}//${location.host}${ticket.url}`;
    if (lastSeq !== null) url += `&since=${lastSeq}`;
    socket = new WebSocket(url);
  } catch (error) {
    scheduleReconnect();
    return;
  }
  socket.addEventListener('open', () => {
    backoff = 1000;
    connected = true;
    watching.forEach((ticketId) => send({ type: 'watch', ticketId }));
    live.dispatchEvent(new CustomEvent('connection', { detail: { connected: true } }));
  });
  socket.addEventListener('message', (message) => {
    let frame;
    try { frame = JSON.parse(message.data); } catch { return; }
    if (typeof frame.seq === 'number') {
      if (lastSeq !== null && frame.seq <= lastSeq) return; // replayed twice
      lastSeq = frame.seq;
    }
    if (frame.type === 'welcome' && lastSeq === null) lastSeq = frame.seq;
    live.dispatchEvent(new CustomEvent(frame.type, { detail: frame }));
  });
  socket.addEventListener('close', () => {
    connected = false;
    live.dispatchEvent(new CustomEvent('connection', { detail: { connected: false } }));
    if (!stopped) scheduleReconnect();
  });
}

function scheduleReconnect() {
  if (stopped) return;
  const wait = Math.min(30_000, backoff) * (0.75 + Math.random() * 0.5);
  backoff = Math.min(30_000, backoff * 2);
  setTimeout(connectLive, wait);
}

export function disconnectLive() {
  stopped = true;
  if (socket) socket.close(1000, 'logout');
}

export function watch(ticketId) {
  watching.add(ticketId);
  send({ type: 'watch', ticketId });
}

export function unwatch(ticketId) {
  watching.delete(ticketId);
  send({ type: 'unwatch', ticketId });
}

/** While the agent types a reply: at most one frame every 3 s (the server holds "replying" for 10 s). */
export function replying(ticketId) {
  const now = Date.now();
  if (now - lastReplying < 3000) return;
  lastReplying = now;
  send({ type: 'replying', ticketId });
}

/** Any input: at most one frame every 30 s; the server turns 5 minutes without one into "away". */
export function activity() {
  const now = Date.now();
  if (now - lastActivity < 30_000) return;
  lastActivity = now;
  send({ type: 'activity' });
}

onToken((token) => send({ type: 'auth', token }));
