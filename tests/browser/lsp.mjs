// Drives the real yaml-language-server (the one VS Code's Red Hat YAML
// extension, IntelliJ's LSP clients and Neovim's lspconfig run) over stdio,
// as an editor would, against a cxsite project. Used by tests/it/editor.rs.
//
// node lsp.mjs PLAN_JSON, where PLAN is
//   {"root": "/abs/project", "settings": {...yaml settings...},
//    "open": ["insights/a.yaml", ...],
//    "complete": [{"file": "personas/p.yaml", "line": 4, "character": 13}]}
// (0-based positions, as LSP counts). Prints one JSON object:
//   {"ok": true, "diagnostics": {FILE: [{line, character, endLine, endCharacter, message, severity}]},
//    "completions": [[labels...], ...]}
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const plan = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const serverMain = require.resolve('yaml-language-server/bin/yaml-language-server');
const server = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => (serverErr += d));

const fail = (why) => {
  console.log(JSON.stringify({ ok: false, why, serverErr: serverErr.slice(-2000) }));
  server.kill();
  process.exit(1);
};
setTimeout(() => fail('timed out after 60 s'), 60000).unref();

// --- JSON-RPC over stdio with Content-Length framing ---
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const diagnosticWaiters = [];
// Resolved once the server has asked for (and got) the settings: documents opened
// earlier would be validated before `yaml.schemas` is known.
let configured;
const settingsPulled = new Promise((r) => (configured = r));
function send(msg) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const notify = (method, params) => send({ method, params });

let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const msg = JSON.parse(buffer.slice(headerEnd + 4, headerEnd + 4 + length).toString());
    buffer = buffer.slice(headerEnd + 4 + length);
    handle(msg);
  }
});

function handle(msg) {
  if (msg.id !== undefined && msg.method) {
    // A request from the server: configuration, capability registration, progress.
    let result = null;
    if (msg.method === 'workspace/configuration') {
      result = msg.params.items.map((item) => (item.section === 'yaml' ? plan.settings : item.section ? null : { yaml: plan.settings }));
    }
    send({ id: msg.id, result });
    if (msg.method === 'workspace/configuration') configured();
  } else if (msg.id !== undefined) {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
    else p.resolve(msg.result);
  } else if (msg.method === 'textDocument/publishDiagnostics') {
    diagnostics.set(msg.params.uri, msg.params.diagnostics);
    diagnosticWaiters.splice(0).forEach((w) => w());
  }
}

const uriOf = (rel) => pathToFileURL(join(plan.root, rel)).href;

/// Diagnostics of `uri` once the server has published them and they stopped changing for 500 ms.
async function settledDiagnostics(uri) {
  const start = Date.now();
  let last = null;
  let lastChange = Date.now();
  while (Date.now() - start < 30000) {
    const now = JSON.stringify(diagnostics.get(uri) ?? null);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (diagnostics.has(uri) && Date.now() - lastChange > 500) {
      return diagnostics.get(uri);
    }
    await new Promise((r) => {
      diagnosticWaiters.push(r);
      setTimeout(r, 100);
    });
  }
  fail(`no diagnostics for ${uri}`);
}

try {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(plan.root).href,
    workspaceFolders: [{ uri: pathToFileURL(plan.root).href, name: 'project' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: false } },
        publishDiagnostics: { relatedInformation: false },
      },
    },
    initializationOptions: {},
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings: { yaml: plan.settings } });
  await settingsPulled;
  // The server applies the settings after answering; give it a moment before opening documents.
  await new Promise((r) => setTimeout(r, 300));

  const toOpen = [...new Set([...plan.open, ...plan.complete.map((c) => c.file)])];
  for (const rel of toOpen) {
    notify('textDocument/didOpen', {
      textDocument: { uri: uriOf(rel), languageId: 'yaml', version: 1, text: readFileSync(join(plan.root, rel), 'utf8') },
    });
  }
  const out = { ok: true, diagnostics: {}, completions: [] };
  for (const rel of plan.open) {
    out.diagnostics[rel] = (await settledDiagnostics(uriOf(rel))).map((d) => ({
      line: d.range.start.line,
      character: d.range.start.character,
      endLine: d.range.end.line,
      endCharacter: d.range.end.character,
      message: d.message,
      severity: d.severity,
    }));
  }
  for (const c of plan.complete) {
    const result = await request('textDocument/completion', {
      textDocument: { uri: uriOf(c.file) },
      position: { line: c.line, character: c.character },
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    out.completions.push(items.map((i) => i.label));
  }
  console.log(JSON.stringify(out));
  await request('shutdown', null).catch(() => {});
  notify('exit', null);
  server.kill();
  process.exit(0);
} catch (e) {
  fail(String(e?.stack ?? e));
}
