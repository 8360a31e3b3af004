/** The output panel's front end. Filled in with the editor experience. */
document.body.dataset.ready = 'true';
