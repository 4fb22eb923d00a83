/**
 * An OpenAI-compatible chat-completions server for tests (node:http, 127.0.0.1 only).
 * It reads pereklad's user message ({context, sentences:[{id,text}]}) and answers
 * {"translations":[{id, text: "<LANG>:" + text}]} as the message content, keeping tags as sent.
 * Faults, one per request in order: an HTTP status (429, 500, 401), 'drop-id' (leave out the last
 * sentence), 'bad-json' (content that is not JSON), 'html' (a 200 answer that is an HTML page),
 * 'null' (content that is the JSON `null`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeLlmFault = number | 'drop-id' | 'bad-json' | 'html' | 'null';

export interface RecordedChatRequest {
  model: string;
  system: string;
  user: { context: string; sentences: Array<{ id: string; text: string }> };
  authorization?: string;
  responseFormat: unknown;
  status: number;
}

export interface FakeLlm {
  /** Base URL to configure, ending in /v1. */
  url: string;
  requests: RecordedChatRequest[];
  setFaults(faults: FakeLlmFault[]): void;
  close(): Promise<void>;
}

export async function startFakeLlm(options: { prefix?: string } = {}): Promise<FakeLlm> {
  let faults: FakeLlmFault[] = [];
  const requests: RecordedChatRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, json: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; messages: Array<{ role: string; content: string }>; response_format: unknown };
      const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
      const user = JSON.parse(body.messages.find((m) => m.role === 'user')?.content ?? '{}') as RecordedChatRequest['user'];
      const fault = faults.shift();
      const record: RecordedChatRequest = { model: body.model, system, user, authorization: req.headers.authorization, responseFormat: body.response_format, status: 200 };
      requests.push(record);
      if (typeof fault === 'number') {
        record.status = fault;
        return send(fault, { error: { message: `fault ${fault}` } });
      }
      if (fault === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body>Bad gateway</body></html>');
      }
      const sentences = [...user.sentences];
      if (fault === 'drop-id') sentences.pop();
      const lang = /into ([A-Za-z]+)/u.exec(system)?.[1]?.slice(0, 2).toUpperCase() ?? 'XX';
      const translations = sentences.map((s) => ({ id: s.id, text: `${options.prefix ?? lang}:${s.text}` }));
      const content = fault === 'bad-json' ? 'Sure! Here are your translations.' : fault === 'null' ? 'null' : JSON.stringify({ translations });
      send(200, { choices: [{ message: { role: 'assistant', content } }], usage: { total_tokens: 10 * sentences.length } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setFaults: (f) => { faults = [...f]; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
