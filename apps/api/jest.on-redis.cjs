/** Setup of the `api (redis)` Jest project: the test servers of its specs keep their jobs on the test Redis. */
'use strict';

process.env.API_TEST_JOB_STORE = 'redis';
