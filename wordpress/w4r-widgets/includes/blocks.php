<?php
/** A block per widget (blocks/<widget>/block.json), drawn on the server by the same code as the shortcode. */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

function w4r_widgets_register_blocks() {
	$settings = w4r_widgets_settings();
	wp_register_script(
		'w4r-widgets-editor',
		plugins_url( 'editor.js', W4R_WIDGETS_DIR . '/w4r-widgets.php' ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components' ),
		W4R_WIDGETS_VERSION,
		true
	);
	// The editor previews a block through the endpoint's /embed page, as a reader without scripts sees it.
	wp_add_inline_script(
		'w4r-widgets-editor',
		'window.w4rWidgets = ' . wp_json_encode(
			array(
				'endpoint' => $settings['endpoint'],
				'locale'   => $settings['locale'],
				'theme'    => $settings['theme'],
			)
		) . ';',
		'before'
	);
	foreach ( W4R_WIDGETS_ALL as $widget ) {
		register_block_type(
			W4R_WIDGETS_DIR . '/blocks/' . $widget,
			array(
				'render_callback' => static function ( $attributes ) use ( $widget ) {
					return w4r_widgets_render( array_merge( (array) $attributes, array( 'widgets' => $widget ) ) );
				},
			)
		);
	}
}
