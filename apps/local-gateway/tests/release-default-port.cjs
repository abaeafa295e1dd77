module.exports = require('./hold-default-port.cjs').releaseDefaultPort;
