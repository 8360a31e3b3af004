/** Full-text search over tasks: `searchTasks` (searchTasks.ts) and its query (query.ts). */
export { parseQuery, type SearchQuery } from './query';
export { type SearchMatch, type SearchOptions, type SearchSummary, searchTasks } from './searchTasks';
