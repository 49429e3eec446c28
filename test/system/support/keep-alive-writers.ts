import { Agent, request } from 'node:http';

export interface WriterAnswer {
  readonly status: number;
  /** When the answer arrived (Date.now()). */
  readonly at: number;
  readonly connection: string | undefined;
  readonly location: string | undefined;
}

export interface WriteLoad {
  /** Every answer received, in order of arrival. */
  readonly answers: WriterAnswer[];
  /** Errors of requests that never got an answer (refused or reset connections). */
  readonly failures: string[];
  /** Stops the clients after their current request; resolves when every client has stopped. */
  stop(): Promise<void>;
  /** Resolves when every client has stopped on its own (each stops at its first connection error). */
  finished: Promise<void>;
}

/**
 * `clients` HTTP clients, each on its own keep-alive connection, each sending the next POST as soon as
 * the last was answered, until told to stop or until its connection is refused: what a busy
 * deployment looks like from the service's side.
 */
export function startKeepAliveWriters(options: {
  readonly baseUrl: string;
  readonly clients: number;
  readonly path: string;
  readonly token: string;
  readonly body: (client: number, sequence: number) => unknown;
}): WriteLoad {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const answers: WriterAnswer[] = [];
  const failures: string[] = [];
  let stopped = false;
  const url = new URL(options.path, options.baseUrl);

  const post = (body: string) =>
    new Promise<WriterAnswer>((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              at: Date.now(),
              connection: response.headers.connection,
              location: response.headers.location,
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const client = async (index: number): Promise<void> => {
    for (let sequence = 0; !stopped; sequence++) {
      try {
        answers.push(await post(JSON.stringify(options.body(index, sequence))));
      } catch (error) {
        failures.push((error as NodeJS.ErrnoException).code ?? String(error));
        return;
      }
    }
  };
  const finished = Promise.all(Array.from({ length: options.clients }, (_, index) => client(index))).then(() => agent.destroy());
  return {
    answers,
    failures,
    finished,
    stop: async () => {
      stopped = true;
      await finished;
    },
  };
}
