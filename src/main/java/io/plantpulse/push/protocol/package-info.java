/** Protocol v1 (docs/protocol.md): client requests, their validation, filters and positions. */
package io.plantpulse.push.protocol;
