// Myotrophy's reminders in the offline worker (docs/reminders.md): the server's Web Push message
// is { title, body, url }; it is shown as a notification, and a tap opens (or focuses) the app.
self.addEventListener('push', (event) => {
  let message = { title: 'Myotrophy', body: '', url: '/' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A push without a readable payload still reminds, with the title alone.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: '/icon.svg',
      tag: 'myotrophy-reminder',
      data: { url: message.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url.startsWith(self.location.origin));
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
