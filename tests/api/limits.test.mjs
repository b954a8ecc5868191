// Connection cap and header size: the limits that protect the server before any handler runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, api, sleep } from './harness.mjs';

// Sends one keep-alive GET on a raw socket and resolves with the first bytes of the answer, or
// '' when the server closes the connection without answering.
function rawGet(port, path, extraHeaders = '') {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    let data = '';
    socket.setTimeout(3000, () => { socket.destroy(); resolve(data); });
    socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n${extraHeaders}\r\n`));
    socket.on('data', (chunk) => { data += chunk.toString(); if (data.includes('\r\n\r\n')) resolve({ data, socket }); });
    socket.on('error', () => resolve(data));
    socket.on('close', () => resolve(data));
  });
}

test('--max-connections: connections past the cap are refused, and counted in /metrics', async () => {
  const srv = await startServer({ args: ['--max-connections', '3'] });
  const port = Number(new URL(srv.url).port);
  try {
    // The harness's own keep-alive connection may hold one of the three places.
    const held = [];
    let refusals = 0;
    for (let i = 0; i < 6; i++) {
      const answer = await rawGet(port, '/healthz');
      if (typeof answer === 'string') {
        assert.equal(answer, '', 'a refused connection is closed unanswered');
        refusals++;
      } else {
        assert.match(answer.data, /^HTTP\/1.1 200/);
        held.push(answer.socket);  // kept open: keep-alive
      }
    }
    assert.ok(held.length >= 2 && held.length <= 3, `served ${held.length} of 6 with a cap of 3`);
    assert.equal(refusals, 6 - held.length);
    for (const socket of held) socket.destroy();
    await sleep(200);
    const again = await rawGet(port, '/metrics');
    assert.match(again.data, /^HTTP\/1.1 200/, 'served again once the held connections closed');
    again.socket.destroy();
    const metrics = await api(srv.url, 'GET', '/metrics');
    assert.match(metrics.text, new RegExp(`anjian_http_refused_connections ${refusals}\n`));
  } finally {
    await srv.stop();
  }
});

test('a header field over 16 KiB closes the connection without reaching a handler', async () => {
  const srv = await startServer();
  const port = Number(new URL(srv.url).port);
  try {
    const answer = await rawGet(port, '/healthz', `X-Big: ${'a'.repeat(20_000)}\r\n`);
    assert.equal(typeof answer === 'string' ? answer : answer.data, '');
    const ok = await rawGet(port, '/healthz', `X-Fine: ${'a'.repeat(4_000)}\r\n`);
    assert.match(ok.data, /^HTTP\/1.1 200/);
    ok.socket.destroy();
  } finally {
    await srv.stop();
  }
});
