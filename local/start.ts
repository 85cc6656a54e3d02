console.log('Civic Loop: the local platform is being built; run npm test.');
