import { render } from 'preact';

function App() {
  return <h1>Overshoot — host</h1>;
}

render(<App />, document.getElementById('app')!);
