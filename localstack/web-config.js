window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: "http://localhost:3000" };
