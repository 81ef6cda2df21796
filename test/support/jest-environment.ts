// The Lambda handlers log every request and publish metrics to stdout (as in Lambda);
// in tests that would bury the results. Set before any handler module is imported.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
