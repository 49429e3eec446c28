/**
 * The layering the code keeps: the domain knows no framework or driver, the store's adapters stay
 * behind the port, and domain-kit depends on nothing of the project. `npm test` runs this.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-without-framework',
      comment:
        'Deciders, events, the calendar (but its http/ folder) and the deadline calculator are pure: no NestJS, HTTP or database driver.',
      severity: 'error',
      from: {
        path: '(\\.decider\\.ts$|\\.events\\.ts$|^src/calendar/|^src/deadlines/|^src/domain-kit/)',
        pathNot: '(\\.spec\\.ts$|^src/calendar/http/)',
      },
      to: { path: 'node_modules/(@nestjs|express|better-sqlite3|@eventstore|@grpc|class-validator|class-transformer)/' },
    },
    {
      name: 'adapters-behind-the-port',
      comment: 'Only ledger/ may import an event store adapter; everything else uses the port.',
      severity: 'error',
      from: { path: '^src/', pathNot: '(^src/ledger/|\\.spec\\.ts$)' },
      to: { path: '^src/ledger/(sqlite|eventstoredb)/' },
    },
    {
      name: 'verification-through-the-port',
      comment:
        "Integrity (the Merkle log, its worker, verification) and the command line read the events through the port and the adapter's own LedgerSource (EventStore.ledgerSource, openLedgerSource, openStoredFeed): never an adapter's files, not even in a test.",
      severity: 'error',
      from: { path: '^src/(integrity|cli)/' },
      to: { path: '^src/ledger/(sqlite|eventstoredb)/' },
    },
    {
      name: 'domain-kit-stands-alone',
      comment: 'domain-kit is the vocabulary every feature shares; it imports nothing of the project.',
      severity: 'error',
      from: { path: '^src/domain-kit/' },
      to: { path: '^src/', pathNot: '^src/domain-kit/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
