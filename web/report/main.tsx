import '../common/base.css'
import '../common/incident-form.css'
import './report.css'
import { render } from 'preact'
import { createSession } from '../common/session'
import { createDesk } from '../state/desk'
import { loadClientConfig } from '../state/clientConfig'
import { App } from './App'

const desk = createDesk()
const session = createSession(desk)

render(<App desk={desk} session={session} />, document.getElementById('app')!)
void session.boot()
void loadClientConfig()
