// Workers inherit the URL through the environment set by the global setup.
process.env.TZ = 'UTC'; // the server's zone must never matter: tests run in UTC on purpose
if (!process.env.DONDOC_TEST_DATABASE_URL) {
  throw new Error('DONDOC_TEST_DATABASE_URL is not set: run the suite through jest (npm test)');
}
