import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('EventStoreDB adapter over the fake gRPC server', async () => {
  const server = await startFakeEventStoreDb();
  const store = new EventStoreDbEventStore(server.connectionString);
  return {
    store,
    async cleanup() {
      await store.close();
      await server.stop();
    },
  };
});

describeEventStoreContract('EventStoreDB adapter over the fake gRPC server, as a server before 22.6', async () => {
  // Stream reads carry no $all positions there; the adapter must find them in $all itself.
  const server = await startFakeEventStoreDb({ appendProtocol: 'append-only', streamReadsCarryPositions: false });
  const store = new EventStoreDbEventStore(server.connectionString);
  return {
    store,
    async cleanup() {
      await store.close();
      await server.stop();
    },
  };
});

// A real server is optional: CI machines and laptops do not all run one. Set the variable, e.g.
// EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false', to run the same contract against
// it; every test uses fresh stream names, so a server that already holds data is fine.
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract(`EventStoreDB adapter against ${realServer}`, async () => {
    const store = new EventStoreDbEventStore(realServer);
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('EventStoreDB adapter against a real server', () => {
    it.skip('needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)', () => undefined);
  });
}
