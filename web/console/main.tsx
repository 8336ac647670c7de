document.getElementById('app')!.textContent = 'CommsDesk console'
