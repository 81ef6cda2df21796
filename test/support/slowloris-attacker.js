// A slowloris attacker in its own process, so that its 1,024 sockets do not make the
// test's own timers late (test/integration/xks-proxy-attacks.test.ts measures how
// promptly a legitimate caller is served while this runs).
//
// argv[2]: JSON { port, caFile, host, path, count, durationMs, byteEveryMs, maxConnections }.
// Prints `started` once every connection was attempted; on SIGTERM or at the end of
// durationMs prints one JSON line { opened, answers } and exits.
const fs = require('node:fs');
const tls = require('node:tls');

const options = JSON.parse(process.argv[2]);
const ca = fs.readFileSync(options.caFile);
const until = Date.now() + options.durationMs;
const sockets = new Set();
/** What the proxy answered the dripping connections, first line of each. */
const answers = [];
const header = Buffer.from(`POST ${options.path} HTTP/1.1\r\nhost: ${options.host}\r\nx-slow: `);
let opened = 0;
let finished = false;

function open() {
  if (finished || Date.now() >= until || opened >= options.maxConnections) return;
  opened += 1;
  const socket = tls.connect({ port: options.port, host: '127.0.0.1', localAddress: '127.0.0.1', servername: options.host, ca });
  sockets.add(socket);
  let sent = 0;
  let timer;
  socket.on('secureConnect', () => {
    const drip = () => {
      if (socket.destroyed || Date.now() >= until) return;
      socket.write(header.subarray(sent % header.length, (sent % header.length) + 1));
      sent += 1;
      timer = setTimeout(drip, options.byteEveryMs);
    };
    drip();
  });
  socket.on('data', (chunk) => answers.push(chunk.toString('latin1').split('\r\n')[0]));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearTimeout(timer);
    sockets.delete(socket);
    setTimeout(open, 50);
  });
}

function finish() {
  if (finished) return;
  finished = true;
  for (const socket of sockets) socket.destroy();
  process.stdout.write(`${JSON.stringify({ opened, answers })}\n`, () => process.exit(0));
}

process.on('SIGTERM', finish);
setTimeout(finish, options.durationMs + 1_000);
for (let i = 0; i < options.count; i++) open();
process.stdout.write('started\n');
