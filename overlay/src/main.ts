/** Entry: /overlay/?kind=…&key=… (see README.md for every option). */
import './style.css';
import { mount } from './app';

mount(document.getElementById('overlay') ?? document.body, window.location.search, window.location.origin);
