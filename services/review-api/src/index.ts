export { buildApp, type AppDeps } from './app.js';
export { ReviewApiConfig, loadReviewApiConfig } from './config.js';
export { startReviewApi, type RunningReviewApi } from './server.js';
export { ReviewDesk, toQueueInteraction } from './desk.js';
