// Reads one SDMX-JSON data message with the Pacific Community's sdmx-json-parser (npm, the library behind the
// Pacific Data Hub's charts) and prints what its getData() returns: one object per observation, every dimension
// and attribute by name, and the value. Usage: node read.cjs <data URL with format=jsondata> <Accept header>
const { SDMXParser } = require('sdmx-json-parser');

(async () => {
  const [url, accept] = process.argv.slice(2);
  const parser = new SDMXParser();
  await parser.getDatasets(url, { headers: { Accept: accept } });
  process.stdout.write(JSON.stringify({
    dimensions: parser.getDimensions().map(d => d.id),
    data: parser.getData(),
  }));
})().catch(error => {
  console.error(error);
  process.exit(1);
});
