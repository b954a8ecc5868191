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

// A connection that never sends a request is closed at the read timeout; RESTinio reports that
// close twice, and the cap must count it once or every later connection would be refused.
test('a silent connection closed at the read timeout leaves the cap as it was', async () => {
  const srv = await startServer({ args: ['--max-connections', '4', '--read-timeout', '1'] });
  const port = Number(new URL(srv.url).port);
  try {
    for (let round = 0; round < 3; round++) {
      const silent = net.createConnection({ host: '127.0.0.1', port });
      await new Promise((resolve) => silent.on('connect', resolve));
      const closed = new Promise((resolve) => silent.on('close', resolve));
      await closed;  // the server hangs up after about a second
    }
    await sleep(200);
    for (let i = 0; i < 6; i++) {
      const answer = await rawGet(port, '/healthz', 'Connection: close\r\n');
      assert.equal(typeof answer, 'object', `connection ${i + 1} after the timeouts was refused`);
      assert.match(answer.data, /^HTTP\/1.1 200/);
      answer.socket.destroy();
      await sleep(50);
    }
    const metrics = await api(srv.url, 'GET', '/metrics');
    const open = Number(/anjian_http_open_connections (\d+)/.exec(metrics.text)?.[1]);
    assert.ok(open >= 1 && open <= 4, `open connections gauge reads ${open}`);
    assert.match(metrics.text, /anjian_http_refused_connections 0\n/);
  } finally {
    await srv.stop();
  }
});
