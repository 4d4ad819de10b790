/** Stowage's engine. Not public API: it may change in any release. */
package io.stowage.internal;
