document.getElementById('app')!.textContent = 'CommsDesk field'
