// Region and fake credentials for every SDK client the tests build (as the local gateway sets them).
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI;
delete process.env.CONNECTIONS_ENDPOINT;
