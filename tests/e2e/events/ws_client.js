// The xcore document's WebSocket client ("WebSockets", xcore-api.md), run by
// event_stream_e2etest with Node's WebSocket (node --experimental-websocket):
//   node ws_client.js <url> <token|-> [subscribe-json|-]
// Sends {"type":"auth","token":...} on open (nothing with "-": the auth
// timeout), then the subscribe message if given, and prints every message it
// receives as one line of JSON, then {"closed":code,"reason":...} when the
// server closes. The test reads the lines and stops the process.
const [url, token, subscribe] = process.argv.slice(2);

const ws = new WebSocket(url);

ws.onopen = () => {
  if (token !== '-') {
    ws.send(JSON.stringify({
      type: 'auth',
      token: token
    }));
  }
  if (subscribe && subscribe !== '-') ws.send(subscribe);
};

ws.onmessage = (event) => {
  const data = JSON.parse(event.data);
  console.log(JSON.stringify(data));
};

ws.onclose = (event) => {
  console.log(JSON.stringify({closed: event.code, reason: event.reason}));
  process.exit(0);
};

ws.onerror = () => {
  console.log(JSON.stringify({error: 'websocket error'}));
};
