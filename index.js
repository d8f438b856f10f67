// n8n loads the credentials and nodes listed under "n8n" in package.json; nothing to export here.
module.exports = {};
