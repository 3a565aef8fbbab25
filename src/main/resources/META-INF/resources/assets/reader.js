// Gazette: the shared web version of an issue is the same for every reader, so it holds no one's
// form token and no one's like. Once shown, it asks for this browser's (which also counts the view)
// and fills them in.
(function () {
  var state = document.getElementById('reader-state');
  if (!state || !window.fetch) {
    return;
  }
  fetch(state.getAttribute('data-seen'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (seen) {
    if (!seen) {
      return;
    }
    document.querySelectorAll('input[name="csrf"]').forEach(function (input) {
      if (!input.value) {
        input.value = seen.csrf;
      }
    });
    var views = document.getElementById('view-count');
    if (views) {
      views.textContent = seen.views;
    }
    document.querySelectorAll('[data-like-count]').forEach(function (count) {
      count.textContent = seen.likes;
    });
    var like = document.getElementById('like-button');
    if (seen.liked && like && like.form) {
      like.textContent = like.getAttribute('data-unlike');
      var action = document.createElement('input');
      action.type = 'hidden';
      action.name = 'action';
      action.value = 'unlike';
      like.form.appendChild(action);
    }
  }).catch(function () {
    // the page still reads; its forms answer that they need reloading
  });
})();
