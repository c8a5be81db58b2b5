// The QMP client against a fake QMP server (a node:net unix-socket server written here): replies, events, errors,
// malformed lines, silence and disconnects.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isLivemigError } from '../../core/index.ts';
import { QmpClient } from './qmp-client.ts';
import { qmpFailureReason } from './qmp-errors.ts';

const GREETING = { QMP: { version: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'fake' }, capabilities: [] } };

interface Command {
  execute: string;
  arguments?: Record<string, unknown>;
  id: string;
}

/** How the fake server answers a command (after qmp_capabilities): write raw lines, or end the connection. */
type Handler = (command: Command, socket: Socket) => void;

const dir = mkdtempSync(join(tmpdir(), 'livemig-qmp-test-'));
const servers: Server[] = [];
let count = 0;
after(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

function send(socket: Socket, message: unknown): void {
  socket.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\r\n`);
}

function reply(command: Command, value: unknown = {}): unknown {
  return { return: value, id: command.id };
}

async function fakeQmp(handler: Handler, options: { greeting?: boolean } = {}): Promise<string> {
  const path = join(dir, `qmp-${++count}.sock`);
  const server = createServer((socket) => {
    if (options.greeting !== false) send(socket, GREETING);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const command = JSON.parse(buffer.slice(0, end)) as Command;
        buffer = buffer.slice(end + 1);
        if (command.execute === 'qmp_capabilities') send(socket, reply(command));
        else handler(command, socket);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

test('a command resolves with its return value and the greeting gives the QEMU version', async () => {
  const path = await fakeQmp((command, socket) => send(socket, reply(command, { status: 'running', running: true })));
  const client = await QmpClient.connect(path);
  assert.deepEqual(client.greeting?.version.qemu, { major: 7, minor: 2, micro: 22 });
  assert.deepEqual(await client.execute('query-status'), { status: 'running', running: true });
  client.close();
});

test('events sent before, between and after replies reach subscribers and do not disturb the replies', async () => {
  const path = await fakeQmp((command, socket) => {
    const event = (pass: number) => ({
      event: 'MIGRATION_PASS',
      data: { pass },
      timestamp: { seconds: 10, microseconds: pass },
    });
    send(socket, event(1));
    send(socket, reply(command, command.execute));
    send(socket, event(2));
    send(socket, { event: 'STOP', timestamp: { seconds: 11, microseconds: 0 } });
  });
  const client = await QmpClient.connect(path);
  const passes: unknown[] = [];
  const all: string[] = [];
  client.onEvent('MIGRATION_PASS', (event) => passes.push(event.data.pass));
  client.onEvent('*', (event) => all.push(event.event));
  const stop = client.waitForEvent('STOP', { timeoutMs: 2000 });
  const [a, b] = await Promise.all([client.execute('first'), client.execute('second')]);
  assert.deepEqual([a, b], ['first', 'second']);
  assert.equal((await stop).timestampSec, 11);
  assert.deepEqual(passes, [1, 2, 1, 2]);
  assert.deepEqual(all.slice(0, 3), ['MIGRATION_PASS', 'MIGRATION_PASS', 'STOP']);
  client.close();
});

test('an error reply rejects with the QEMU error class and description', async () => {
  const path = await fakeQmp((command, socket) =>
    send(socket, { error: { class: 'GenericError', desc: 'There is a migration in progress' }, id: command.id }),
  );
  const client = await QmpClient.connect(path);
  const error = await rejection(client.execute('migrate-set-capabilities', { capabilities: [] }));
  assert.ok(isLivemigError(error, 'driver-failure'));
  assert.equal(error.details.reason, 'qemu-error');
  assert.equal(error.details.errorClass, 'GenericError');
  assert.equal(error.details.errorDesc, 'There is a migration in progress');
  assert.match(error.message, /migrate-set-capabilities.*migration in progress/);
  assert.equal(await client.execute('query-status').catch(() => 'still usable'), 'still usable');
  client.close();
});

test('a malformed line fails the waiting command and gives up the connection', async () => {
  const path = await fakeQmp((_command, socket) => send(socket, '{"return": {"status": '));
  const client = await QmpClient.connect(path);
  const error = await rejection(client.execute('query-migrate'));
  assert.equal(qmpFailureReason(error), 'malformed-reply');
  assert.match((error as Error).message, /query-migrate/);
  assert.equal(client.closed, true);
  assert.equal(qmpFailureReason(await rejection(client.execute('query-status'))), 'malformed-reply');
});

test('a reply that never comes times out, and the late reply is ignored', async () => {
  let held: Command | undefined;
  const path = await fakeQmp((command, socket) => {
    if (command.execute === 'slow') held = command;
    else {
      if (held !== undefined) send(socket, reply(held, 'late'));
      send(socket, reply(command, 'fast'));
    }
  });
  const client = await QmpClient.connect(path, { commandTimeoutMs: 5000 });
  const error = await rejection(client.execute('slow', undefined, { timeoutMs: 50 }));
  assert.equal(qmpFailureReason(error), 'timeout');
  assert.equal((error as { details: Record<string, unknown> }).details.timeoutMs, 50);
  assert.equal(await client.execute('next'), 'fast');
  client.close();
});

test('a disconnect in the middle of a command fails it with connection-lost, and later commands too', async () => {
  const path = await fakeQmp((_command, socket) => socket.destroy());
  const client = await QmpClient.connect(path);
  const closed = new Promise((resolve) => client.onClose(resolve));
  const waiting = client.waitForEvent('MIGRATION', { timeoutMs: 5000 });
  const error = await rejection(client.execute('migrate', { uri: 'tcp:127.0.0.1:1' }));
  assert.equal(qmpFailureReason(error), 'connection-lost');
  assert.match((error as Error).message, /"migrate" got no reply/);
  assert.equal(qmpFailureReason(await rejection(waiting)), 'connection-lost');
  assert.equal(qmpFailureReason(await closed), 'connection-lost');
  assert.equal(qmpFailureReason(await rejection(client.execute('query-status'))), 'connection-lost');
});

test('waiting for an event times out when it does not come, and a match filter skips other events', async () => {
  const path = await fakeQmp((command, socket) => {
    send(socket, { event: 'MIGRATION', data: { status: 'active' }, timestamp: { seconds: 1, microseconds: 0 } });
    send(socket, reply(command));
    send(socket, { event: 'MIGRATION', data: { status: 'completed' }, timestamp: { seconds: 2, microseconds: 0 } });
  });
  const client = await QmpClient.connect(path);
  const completed = client.waitForEvent('MIGRATION', { match: (event) => event.data.status === 'completed' });
  const never = client.waitForEvent('RESUME', { timeoutMs: 30 });
  await client.execute('migrate');
  assert.equal((await completed).data.status, 'completed');
  assert.equal(qmpFailureReason(await rejection(never)), 'timeout');
  client.close();
});

test('connecting waits for a socket that appears late, and fails clearly on one that never does', async () => {
  const late = join(dir, 'late.sock');
  const connecting = QmpClient.connect(late, { connectTimeoutMs: 3000 });
  setTimeout(() => {
    const server = createServer((socket) => {
      send(socket, GREETING);
      socket.on('data', (chunk) => send(socket, reply(JSON.parse(chunk.toString()) as Command)));
    });
    servers.push(server);
    server.listen(late);
  }, 100);
  (await connecting).close();
  const error = await rejection(QmpClient.connect(join(dir, 'missing.sock'), { connectTimeoutMs: 60 }));
  assert.equal(qmpFailureReason(error), 'connect-failed');
  assert.match((error as Error).message, /-qmp unix:/);
});

test('a server that never greets fails the connection with a timeout', async () => {
  const path = await fakeQmp(() => {}, { greeting: false });
  const error = await rejection(QmpClient.connect(path, { connectTimeoutMs: 80 }));
  assert.equal(qmpFailureReason(error), 'timeout');
  assert.match((error as Error).message, /no QMP greeting/);
});
